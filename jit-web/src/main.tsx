import { render } from 'preact';
import { App } from './app';
import { startLive } from './live';
import { applyThemePref, loadThemePref } from './theme';
import './styles.css';

applyThemePref(loadThemePref());
startLive();
render(<App />, document.getElementById('app')!);
