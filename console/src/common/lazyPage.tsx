import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from 'react-admin';

/**
 * A page loaded when first opened: its code (and the chart library most of them bring) stays
 * out of what the queue list needs on a first load.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => React.JSX.Element {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyPage(props: P) {
    return (
      <Suspense fallback={<Loading />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
