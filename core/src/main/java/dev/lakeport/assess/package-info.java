/**
 * The assessment a user reads before anything runs: from the loaded source snapshot, what a route's destination will
 * receive, what it cannot hold and where that goes instead, what needs a decision, and how many calls and how long a
 * first run takes. Reads the snapshot only; writes nothing.
 */
package dev.lakeport.assess;
