import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadList } from './dataProvider';
import { queueListParams } from './flags/queueListPreload';
import { takeFirstPaintList } from './firstPaint/firstPaintList';

// A queue list opened by its address asks for its rows now, beside the session check, not after
// it; when the first paint (firstPaint/queueFirstPaint.ts) asked already, its answer is taken over.
const queueList = queueListParams(window.location.hash);
const firstPaint = takeFirstPaintList();
if (firstPaint)
  preloadList('flags', firstPaint.params, { answer: firstPaint.answer.then((r) => ({ data: r.data, total: r.total })), at: firstPaint.at });
else if (queueList) preloadList('flags', queueList);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
