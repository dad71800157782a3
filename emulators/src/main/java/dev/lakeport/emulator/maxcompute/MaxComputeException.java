package dev.lakeport.emulator.maxcompute;

/** An error answered as MaxCompute's {@code <Error>} XML with an HTTP status (always 4xx unless injected). */
public final class MaxComputeException extends RuntimeException {
    private final int status;
    private final String code;

    public MaxComputeException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static MaxComputeException noSuchTable(String project, String table) {
        return new MaxComputeException(
                404, "NoSuchObject", "ODPS-0130131:Table not found - '" + project + "." + table + "'.");
    }
}
