package dev.lakeport.connector.dlf;

import com.aliyun.tea.NameInMap;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Reads a DLF response body straight into the SDK's own model classes, by the {@code @NameInMap} names the SDK
 * declares on their public fields. The SDK's own path parses the body into maps with Gson and then fills the models
 * by reflection, which costs more CPU than the call itself on large partition pages; this gives the same objects.
 */
final class DlfResponses {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .annotationIntrospector(new NameInMapIntrospector())
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.PUBLIC_ONLY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    private DlfResponses() {}

    static <T> T read(String json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    /** Property names come from the SDK's {@code @NameInMap}. */
    private static final class NameInMapIntrospector extends JacksonAnnotationIntrospector {
        @Override
        public PropertyName findNameForDeserialization(Annotated a) {
            NameInMap name = a.getAnnotation(NameInMap.class);
            return name != null ? PropertyName.construct(name.value()) : super.findNameForDeserialization(a);
        }
    }
}
