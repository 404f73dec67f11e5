import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadList } from './dataProvider';
import { queueListParams } from './flags/queueListPreload';

// A queue list opened by its address asks for its rows now, beside the session check, not after it.
const queueList = queueListParams(window.location.hash);
if (queueList) preloadList('flags', queueList);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
