import { render } from 'preact';
import { App } from './app';
import { prefetchGraph } from './graphPrefetch';
import { startLive } from './live';
import { applyThemePref, loadThemePref } from './theme';
import './styles.css';

applyThemePref(loadThemePref());
if (location.hash.startsWith('#/graph')) prefetchGraph();
startLive();
render(<App />, document.getElementById('app')!);
