import { describe, expect, it } from 'vitest';
import {
  MAX_ZOOM, MIN_ZOOM, nearestTo, readingOrder, stepSelection, steppedZoom, wheelNotches, ZOOM_STEP,
} from '../src/graphNavigation';

describe('graph zoom', () => {
  it('reaches 100 % from the smallest zoom in a few notches, and stops there', () => {
    let zoom = MIN_ZOOM;
    let notches = 0;
    while (zoom < 1) { zoom = steppedZoom(zoom, 1); notches++; }
    expect(zoom).toBe(1);
    expect(notches).toBeLessThanOrEqual(7);
    expect(steppedZoom(1, 1)).toBeCloseTo(ZOOM_STEP);
    expect(steppedZoom(1.2, -1)).toBe(1);
  });

  it('stays within the zoom limits', () => {
    expect(steppedZoom(MIN_ZOOM, -3)).toBe(MIN_ZOOM);
    expect(steppedZoom(MAX_ZOOM, 3)).toBe(MAX_ZOOM);
  });

  it('counts a mouse notch as one step whatever its size, a trackpad delta as a fraction', () => {
    expect(wheelNotches(-100, 0)).toBe(1);
    expect(wheelNotches(-120, 0)).toBe(1);
    expect(wheelNotches(53, 0)).toBe(-1);
    expect(wheelNotches(-3, 1)).toBe(1); // lines (Firefox)
    expect(wheelNotches(-5, 0)).toBeCloseTo(0.1);
  });
});

describe('graph keyboard stepping', () => {
  // a (0,0) <- b (240,0) <- c (480,-50); d (240,56) below b; e (480,56)
  const p = new Map([['a', { x: 0, y: 0 }], ['b', { x: 240, y: 0 }], ['c', { x: 480, y: -50 }], ['d', { x: 240, y: 56 }],
    ['e', { x: 480, y: 56 }]]);
  const edges = [{ from: 'b', to: 'a' }, { from: 'c', to: 'b' }];

  it('goes right to a dependent, left to a dependency, up and down in the column', () => {
    expect(stepSelection('a', 'right', p, edges, 170)).toBe('b');
    expect(stepSelection('b', 'right', p, edges, 170)).toBe('c');
    expect(stepSelection('c', 'left', p, edges, 170)).toBe('b');
    expect(stepSelection('b', 'down', p, edges, 170)).toBe('d');
    expect(stepSelection('d', 'up', p, edges, 170)).toBe('b');
  });

  it('falls back to the nearest node in that direction, and to nothing at the edge', () => {
    expect(stepSelection('d', 'right', p, edges, 170)).toBe('e');
    expect(stepSelection('a', 'left', p, edges, 170)).toBeNull();
    expect(stepSelection('a', 'up', p, edges, 170)).toBe('c'); // no node above in the column: the nearest above
    expect(stepSelection('c', 'up', p, edges, 170)).toBeNull();
  });

  it('orders nodes column by column for j / k, and finds the node nearest a point', () => {
    expect(readingOrder(p)).toEqual(['a', 'b', 'd', 'c', 'e']);
    expect(nearestTo({ x: 230, y: 40 }, p)).toBe('d');
  });
});
