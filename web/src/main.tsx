import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { createAppRouter } from './app/router.tsx';
import { showToast } from './components/toast.tsx';
import { createNowStore, NowContext } from './lib/now.ts';
import { createQueryClient } from './lib/query-client.ts';
import './app/app.css';

const queryClient = createQueryClient((error) =>
  showToast(`Refresh failed — panels show the last data loaded. ${error.message}`),
);
const nowStore = createNowStore(new Date());
const router = createAppRouter();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <NowContext value={nowStore}>
        <RouterProvider router={router} />
      </NowContext>
    </QueryClientProvider>
  </StrictMode>,
);
