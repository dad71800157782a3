-- Diff results are stored in neutral terms; each route shows them in its own words (Glue -> DLF: the seed's words).
UPDATE diff_entry SET diff_result = CASE diff_result
    WHEN 'glueNew' THEN 'create' WHEN 'dlfNew' THEN 'delete' WHEN 'needUpdate' THEN 'update' ELSE diff_result END;
UPDATE result_record SET diff_result = CASE diff_result
    WHEN 'glueNew' THEN 'create' WHEN 'dlfNew' THEN 'delete' WHEN 'needUpdate' THEN 'update' ELSE diff_result END;
