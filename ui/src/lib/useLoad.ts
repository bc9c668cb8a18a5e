// Load one thing for a detail screen, with loading / error / retry and no stale answers.
import { useCallback, useEffect, useRef, useState } from 'react';
import { toAppError, type AppError } from '../api';

export interface Loaded<T> {
  data: T | null;
  error: AppError | null;
  retry: () => void;
}

export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: AppError | null }>({
    key: '',
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let alive = true;
    loadRef
      .current()
      .then((data) => alive && setState({ key, data, error: null }))
      .catch((e) => alive && setState({ key, data: null, error: toAppError(e) }));
    return () => {
      alive = false;
    };
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  const current = state.key === key;
  return { data: current ? state.data : null, error: current ? state.error : null, retry };
}
