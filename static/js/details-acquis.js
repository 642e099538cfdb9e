// Acquis tab: shows the details of a declaration (year, académie, the épreuves of a VAE) only
// while its box is checked. Without JavaScript every detail stays visible and the server
// ignores those of unchecked boxes.
//
// Expected server markup: <input type="checkbox" data-examens-details="ID"> controls the
// element id="ID".

for (const box of document.querySelectorAll('input[type="checkbox"][data-examens-details]')) {
  const details = document.getElementById(box.dataset.examensDetails);
  if (!details) continue;
  box.setAttribute('aria-controls', details.id);
  details.classList.add('examens-details');
  // An error inside stays visible, whatever the box says: the candidate must see it.
  const show = () => { details.hidden = !box.checked && !details.querySelector('.fr-message--error'); };
  box.addEventListener('change', show);
  show();
}
