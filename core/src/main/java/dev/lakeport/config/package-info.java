/**
 * A migration's settings: {@link dev.lakeport.config.MigrationConfig}, read from the seed's application.properties
 * by {@link dev.lakeport.config.MigrationConfigLoader} and exported by {@link dev.lakeport.config.MigrationConfigWriter}.
 */
package dev.lakeport.config;
