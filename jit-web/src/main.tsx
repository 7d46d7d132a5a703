import { render } from 'preact';
import { App } from './app';
import { prefetchGraph } from './graphPrefetch';
import { hashForPath } from './route';
import { startLive } from './live';
import { startServerInfo } from './session';
import { applyThemePref, loadThemePref } from './theme';
import './styles.css';

// A path deep link (/issues/<id>) becomes the hash route it names, before anything reads the route.
const fromPath = location.hash ? null : hashForPath(location.pathname, location.search);
if (fromPath) history.replaceState(null, '', `/${fromPath}`);
applyThemePref(loadThemePref());
if (location.hash.startsWith('#/graph')) prefetchGraph();
startLive();
startServerInfo();
render(<App />, document.getElementById('app')!);
