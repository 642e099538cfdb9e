// Browser steps of the office's pièces control (issue 15, item 4), run by the inscription
// scenario once the demo candidate has deposited and validated his pieces: the demo
// gestionnaire of Guyane finds the candidature "À contrôler", opens a file, is told what is
// wrong with a control missing its date, marks the identity document Non conforme with a
// comment; the candidate reads it, deposits again and validates; the office receives the
// postal pieces and marks every piece Conforme, and the candidature is listed complete.
// axe stays clean on each state of the office's pages.
import { check, expectText, newContext, newPage, staffLogin } from './lib.mjs';

function fail(message) { throw new Error(message); }

// Sets the status of `code` as the office's form does; resolves once the page answered.
async function statuer(page, code, statut, { date, commentaire } = {}) {
  await page.locator(`label[for="statut-${code}-${statut}"]`).click();
  if (date !== undefined) await page.locator(`#date-${code}`).fill(date);
  if (commentaire !== undefined) await page.locator(`#commentaire-saisi-${code}`).fill(commentaire);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.locator(`#piece-${code} button[type=submit]`).click();
  const response = await answered;
  await page.waitForLoadState();
  return response.status();
}

export async function controlerPieces(browser, base, candidat, id, pdf) {
  const office = await newPage(await newContext(browser));
  await staffLogin(office, base, 'gestion.guyane@example.fr', 'Gestion-2026!');
  await office.getByRole('link', { name: 'Contrôle des pièces' }).click();
  await office.waitForURL(base + '/gestion/candidatures');
  await expectText(office, 'À contrôler (1)');
  await check(office, 'gestion-a-controler');

  const dossier = `${base}/gestion/candidatures/${id}`;
  await office.locator(`#candidatures a[href="/gestion/candidatures/${id}"]`).click();
  await office.waitForURL(dossier);
  await expectText(office, 'Validée par le candidat le 23/11/2026');
  await check(office, 'gestion-candidature');
  const fichier = await office.locator('#depots-93475001 a').first().getAttribute('href');
  const ouvert = await office.context().request.get(base + fichier);
  if (ouvert.status() !== 200 || ouvert.headers()['content-type'] !== 'application/pdf')
    fail(`the office opened ${fichier}: ${ouvert.status()} ${ouvert.headers()['content-type']}`);

  // Reçue needs its date: refused, said next to the field.
  if ((await statuer(office, '93475003', 'recue', { date: '' })) !== 422)
    fail('a Reçue without its date was not refused');
  await expectText(office, 'Indiquez la date de réception de la pièce.');
  await check(office, 'gestion-controle-refuse');

  const COMMENTAIRE = 'Document illisible : déposez une copie nette, recto et verso.';
  if ((await statuer(office, '93475001', 'non_conforme', { commentaire: COMMENTAIRE })) !== 303)
    fail('Non conforme was not recorded');
  await office.waitForURL(`${dossier}?controle=93475001#piece-93475001`);
  await expectText(office, 'Le statut de la pièce 93475001 est enregistré.');
  await check(office, 'gestion-non-conforme');

  // The candidate reads the status and the comment, deposits again and validates.
  await candidat.goto(`${base}/inscription/${id}/justificatifs`);
  if (!(await candidat.locator('#statut-93475001').textContent()).includes('Non conforme'))
    fail('the candidate does not see Non conforme');
  if (!(await candidat.locator('#commentaire-93475001').textContent()).includes(COMMENTAIRE))
    fail('the candidate does not see the comment');
  await check(candidat, 'justificatifs-non-conforme');
  await candidat.locator('#fichier-93475001').setInputFiles(
      { name: 'carte-nette.pdf', mimeType: 'application/pdf', buffer: pdf });
  await candidat.locator('#piece-93475001 button[type=submit]').filter({ hasText: 'Ajouter' }).click();
  await candidat.waitForURL(`${base}/inscription/${id}/justificatifs?depose=1#piece-93475001`);
  await candidat.locator('#valider').click();
  await candidat.waitForURL(`${base}/inscription/${id}/justificatifs?valide=1`);

  // The office: every piece Conforme, the postal ones received first.
  await office.goto(dossier);
  const codes = await office.locator('[id^="piece-"]').evaluateAll(
      (cards) => cards.map((c) => c.id.slice(6)));
  for (const code of codes) {
    const postale = (await office.locator(`#piece-${code}`).textContent()).includes('En attente de contrôle');
    if (postale && (await statuer(office, code, 'recue', { date: '2026-11-23' })) !== 303)
      fail(`${code}: Reçue not recorded`);
    if ((await statuer(office, code, 'conforme')) !== 303) fail(`${code}: Conforme not recorded`);
  }
  await expectText(office, 'Complet');
  await office.goto(base + '/gestion/candidatures?pieces=complet');
  await expectText(office, 'Complètes (1)');
  if (!(await office.locator(`#candidatures a[href="/gestion/candidatures/${id}"]`).count()))
    fail('the candidature is not listed complete');
  await check(office, 'gestion-complet');

  await candidat.goto(`${base}/inscription/${id}/justificatifs`);
  for (const code of codes) {
    if (!(await candidat.locator(`#statut-${code}`).textContent()).includes('Conforme'))
      fail(`the candidate does not see ${code} Conforme`);
  }
  await office.context().close();
}
