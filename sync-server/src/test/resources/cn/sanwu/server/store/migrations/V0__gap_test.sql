-- Test only (MigrationsTest): a script whose version is below versions already installed.
CREATE TABLE gap_test (id INT PRIMARY KEY);
INSERT INTO gap_test(id) VALUES (1);
