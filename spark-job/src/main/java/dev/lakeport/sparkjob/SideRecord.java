package dev.lakeport.sparkjob;

import java.io.Serial;
import java.io.Serializable;

/**
 * One partition as an extract task saw it: from which side, the fingerprint of its destination form, and for the
 * source its mapped form encoded against the mapped table (what the load writes if it differs), null for the
 * destination.
 */
record SideRecord(boolean source, long fingerprint, byte[] mapped) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
