// Theme: follows the system unless the user picked one; the pick is kept in localStorage.

export type ThemePref = 'system' | 'light' | 'dark';
const KEY = 'jit-theme';

export function loadThemePref(): ThemePref {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function nextThemePref(p: ThemePref): ThemePref {
  return p === 'system' ? 'light' : p === 'light' ? 'dark' : 'system';
}

export function effectiveTheme(p: ThemePref, systemDark: boolean): 'light' | 'dark' {
  return p === 'system' ? (systemDark ? 'dark' : 'light') : p;
}

export function applyThemePref(p: ThemePref): void {
  if (p === 'system') {
    localStorage.removeItem(KEY);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(KEY, p);
    document.documentElement.dataset.theme = p;
  }
}
