// Browser scenario of the audit trail (issue 15, item 5), in Debian's Chromium on the demo
// data: the demo administrateur of Guyane reads the trail (the demo staff's creation by the
// command line, his own login), filters it by staff member, is told in French what is wrong
// with a bad filter; axe stays clean on each state. The demo gestionnaire gets the unknown
// page, and reaches the cancellation of candidatures, with nothing to cancel yet.
import { check, expectText, launchBrowser, newContext, newPage, runScenario, staffLogin,
         startPortal } from './lib.mjs';

async function main() {
  const { base } = await startPortal(['init', '--demo']);
  const browser = await launchBrowser();
  try {
    const page = await newPage(await newContext(browser));
    await staffLogin(page, base, 'admin.guyane@example.fr', 'Admin-Gestion-2026!');
    await page.getByRole('link', { name: "Journal d'audit" }).click();
    await page.waitForURL(base + '/gestion/audit');
    await expectText(page, "Journal d'audit — Académie de la Guyane");
    await expectText(page, 'Agent gestion.guyane@example.fr');
    await expectText(page, 'Ligne de commande');
    await expectText(page, '23/11/2026 à 10:00');
    await check(page, 'audit');

    await page.getByLabel('Agent', { exact: false }).fill('gestion.guyane@example.fr');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/agent=gestion.guyane/);
    const rows = await page.locator('#audit tbody tr').count();
    if (rows !== 2) throw new Error(`the gestionnaire's entries: ${rows} rows, expected 2`);
    await check(page, 'audit-filtre-agent');

    await page.getByLabel('Candidature', { exact: false }).fill('12345678901');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expectText(page, "Ajoutez le N° d'inscription après le numéro de candidat");
    await check(page, 'audit-filtre-refuse');

    const gestionnaire = await newPage(await newContext(browser));
    await staffLogin(gestionnaire, base, 'gestion.guyane@example.fr', 'Gestion-2026!');
    const refused = await gestionnaire.goto(base + '/gestion/audit');
    if (refused.status() !== 404) throw new Error(`a gestionnaire got ${refused.status()}`);

    // The cancellation of candidatures without their signed récapitulatif: on the demo clock
    // no deadline has passed, and the page says so.
    await gestionnaire.goto(base + '/gestion/');
    await gestionnaire.getByRole('link', { name: 'Annulation des candidatures sans récapitulatif signé' }).click();
    await gestionnaire.waitForURL(base + '/gestion/annulations');
    await expectText(gestionnaire, 'Annulation des candidatures — Académie de la Guyane');
    await expectText(gestionnaire, "Aucune candidature de votre académie n'est à annuler aujourd'hui.");
    await check(gestionnaire, 'annulations-aucune');
  } finally {
    await browser.close();
  }
}

runScenario(main);
