-- What a catalog said about itself when it was last loaded (CatalogConnection.facts(): a MaxCompute project's
-- type-system flags), so that the offline diff maps types as the destination will hold them.
CREATE TABLE catalog_fact (
    side       TINYINT NOT NULL,
    fact_key   VARCHAR NOT NULL,
    fact_value VARCHAR NOT NULL,
    PRIMARY KEY (side, fact_key)
);
