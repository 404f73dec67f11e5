/** The list of one queue's open items (or every queue's, without one). */
export function queueListPath(queue?: string | null): string {
  return queue ? `/flags?filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue }))}` : '/flags';
}
