// "/" focuses the app bar's account search from anywhere except a text field, as in most consoles.
document.addEventListener('keydown', event => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
  const input = document.querySelector('#app-search input, input#app-search');
  if (!input) return;
  event.preventDefault();
  input.focus();
  input.select();
});
