import { useState } from 'preact/hooks';
import { renderMarkdown } from '../markdown';

/** A markdown textarea with a Write/Preview toggle; the preview is the renderer the issue page shows. */
export function MarkdownEditor({ label, value, onInput, onEscape, rows = 8, autoFocus = false }: {
  label: string;
  value: string;
  onInput: (text: string) => void;
  onEscape?: () => void;
  rows?: number;
  autoFocus?: boolean;
}) {
  const [preview, setPreview] = useState(false);
  return (
    <div class="md-editor">
      <div class="md-toggle" role="group" aria-label={`${label}: write or preview`}>
        <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>Write</button>
        <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>Preview</button>
      </div>
      {preview ? (
        <div class="markdown md-preview" role="region" aria-label={`${label} preview`}
          dangerouslySetInnerHTML={{ __html: value.trim() ? renderMarkdown(value) : '<p>nothing to preview</p>' }} />
      ) : (
        <textarea aria-label={label} rows={rows} value={value} autoFocus={autoFocus}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && onEscape) {
              e.stopPropagation();
              onEscape();
            }
          }} />
      )}
    </div>
  );
}
