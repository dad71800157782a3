-- The configuration a project was last run with, without credentials: lets `--project` alone repeat a step.
CREATE TABLE project_setting (
    setting_key   VARCHAR(1024) NOT NULL PRIMARY KEY,
    setting_value CLOB          NOT NULL
);
