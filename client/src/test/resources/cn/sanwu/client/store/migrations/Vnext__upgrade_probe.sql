-- Test-only "next version" migration (UpgradeOverPreviousVersionTest): changes a table that holds
-- data, as a real release's migration would, and adds a table.
ALTER TABLE notice ADD COLUMN upgrade_probe_note VARCHAR(100);
UPDATE notice SET upgrade_probe_note = 'migrated';
CREATE TABLE upgrade_probe (id INT PRIMARY KEY, note VARCHAR(100) NOT NULL);
INSERT INTO upgrade_probe VALUES (1, 'next version was here');
