-- The UI language a person chose with the language picker (a language tag such as de or pt); NULL follows the
-- browser's languages.
ALTER TABLE users ADD COLUMN language text CHECK (length(language) <= 35);
