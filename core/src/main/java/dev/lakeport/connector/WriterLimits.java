package dev.lakeport.connector;

/** The largest batch each partition call accepts (Glue: create / update 100, delete 25). */
public record WriterLimits(int createPartitions, int updatePartitions, int deletePartitions) {
    public WriterLimits {
        if (createPartitions < 1 || updatePartitions < 1 || deletePartitions < 1) {
            throw new IllegalArgumentException("batch limits must be positive");
        }
    }
}
