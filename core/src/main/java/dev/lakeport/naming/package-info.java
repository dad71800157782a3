/**
 * Rules about names and how they are written that more than one step reads the same way (a connector checking its
 * settings, the mapping applying them); shared, so it depends on nothing else of ours.
 */
package dev.lakeport.naming;
