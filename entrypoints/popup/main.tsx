// The popup: wiring only. The view is components/Popup.tsx; the data comes from the ledger.
import { render } from 'preact';
import '@/components/popup.css';
import { Popup } from '@/components/Popup';

render(<Popup />, document.getElementById('app')!);
