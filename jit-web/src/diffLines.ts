export type DiffKind = 'add' | 'del' | 'hunk' | 'meta' | 'ctx';

/** Classifies unified-diff lines for colouring. */
export function classifyDiff(diff: string): { kind: DiffKind; text: string }[] {
  return diff.split('\n').map((text) => {
    if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('diff ') || text.startsWith('index ')) {
      return { kind: 'meta', text };
    }
    if (text.startsWith('@@')) return { kind: 'hunk', text };
    if (text.startsWith('+')) return { kind: 'add', text };
    if (text.startsWith('-')) return { kind: 'del', text };
    return { kind: 'ctx', text };
  });
}
