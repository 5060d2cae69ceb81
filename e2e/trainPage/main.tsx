import { createRoot } from 'react-dom/client';
import { TrainView } from '../../src/ui/train/TrainView';
import '../../src/styles/theme.css';
import '../../src/styles/layout.css';
import '../../src/styles/controls.css';
import '../../src/styles/plots.css';

// The Train view alone, built with the app's CSP, so its e2e test does not
// depend on where the app shell mounts it.
createRoot(document.getElementById('root')!).render(<TrainView />);
