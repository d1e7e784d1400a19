// The app bar's account search (Components/Layout/AppBarSearch.razor).
// "/" focuses it from anywhere except a text field, as in most consoles.
// Enter opens /search?q=<what the box shows>. The text is read here, in the browser, rather than from the server's
// copy of the box's value: that copy arrives over the circuit and can still hold the previous search when a fast
// typist (or a paste) presses Enter at once.
document.addEventListener('keydown', event => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  const box = document.querySelector('#app-search input, input#app-search');
  if (!box) return;
  if (event.key === '/' && event.target !== box) {
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    event.preventDefault();
    box.focus();
    box.select();
  } else if (event.key === 'Enter' && event.target === box) {
    const text = box.value.trim();
    if (!text) return;
    event.preventDefault();
    const url = '/search?q=' + encodeURIComponent(text);
    if (window.Blazor && typeof window.Blazor.navigateTo === 'function') {
      window.Blazor.navigateTo(url);
    } else {
      window.location.assign(url);
    }
  }
});
