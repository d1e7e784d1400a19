// Single-key shortcuts for the triage queue. Keys typed into fields, or while a dialog is open, are left alone.
let handler = null;

function typing(target) {
  if (!target) return false;
  const tag = (target.tagName || '').toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
}

export function attach(dotnet) {
  detach();
  handler = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (document.querySelector('.mud-dialog-container')) return;
    const keys = ['j', 'k', 'c', 'd', 'n', 'x', '?', 'Enter'];
    if (!keys.includes(event.key)) return;
    if (event.key === 'Enter' && event.target && event.target.closest && event.target.closest('button, a')) return;
    event.preventDefault();
    dotnet.invokeMethodAsync('OnQueueKey', event.key);
  };
  document.addEventListener('keydown', handler);
}

export function detach() {
  if (handler) {
    document.removeEventListener('keydown', handler);
    handler = null;
  }
}

export function reveal(selector) {
  const row = document.querySelector(selector);
  if (row) row.scrollIntoView({ block: 'nearest' });
}
