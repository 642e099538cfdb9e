-- A mail carrying a single-use link (activation, password reset) is stored twice: the text
-- to deliver, and the text to keep and show, where the link is replaced by a mention. Once
-- the mail is delivered or abandoned, the kept text replaces the delivered one: anyone at an
-- open session reading "Consulter mes messages" never finds a live link.

ALTER TABLE messages ADD COLUMN texte_conserve TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN html_conserve TEXT NOT NULL DEFAULT '';
