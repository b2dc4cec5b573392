/** Starts the page afresh (after the host opened another database): every cached answer is stale. */
export function reloadPage(): void {
  window.location.reload();
}
