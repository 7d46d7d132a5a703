import { marked } from 'marked';
import DOMPurify from 'dompurify';

/** Markdown (GFM) to HTML that is safe to insert: descriptions and documents are written by agents. */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text ?? '', { gfm: true, breaks: false, async: false }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
