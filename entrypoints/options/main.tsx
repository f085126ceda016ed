// The options page: wiring only. The view is components/Options.tsx.
import { render } from 'preact';
import '@/components/popup.css';
import { Options } from '@/components/Options';

render(<Options />, document.getElementById('app')!);
