import { useEffect, useState } from 'preact/hooks';
import type { Store } from '../../../src/status/createStore';

export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(() => store.get());
  useEffect(() => {
    const unsubscribe = store.subscribe(setValue);
    // The store may have changed between the first render and this effect: catch up.
    setValue(store.get());
    return unsubscribe;
  }, [store]);
  return value;
}
