package dev.lakeport.connector.glue;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Glue SDK shapes with every field set, enumerated from the SDK's own field metadata, so that a field added by a
 * later SDK is set here too and a converter that ignores it fails its round trip. A shape that contains itself
 * (Table → Status → RequestedChange → Table) is set down to its first repetition only.
 */
final class TestingGlueShapes {
    private int counter;

    /** A shape of the type {@code builder} builds, every field set with distinct, valid values. */
    <T> T full(Supplier<? extends SdkBuilder<?, T>> builder) {
        SdkBuilder<?, T> b = builder.get();
        fill((SdkPojo) b, new HashSet<>());
        return b.build();
    }

    private void fill(SdkPojo builder, Set<Class<?>> path) {
        Class<?> shape = builder.getClass().getEnclosingClass();
        Set<Class<?>> inner = new HashSet<>(path);
        inner.add(shape);
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = value(field, enumOf(shape, field), inner);
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    private Object value(SdkField<?> field, Class<?> enumType, Set<Class<?>> path) {
        MarshallingType<?> type = field.marshallingType();
        int n = ++counter;
        if (type == MarshallingType.STRING) {
            if (enumType != null) {
                return firstKnownConstant(enumType, n);
            }
            return field.memberName() + "-" + n;
        }
        if (type == MarshallingType.INTEGER) {
            return n;
        }
        if (type == MarshallingType.LONG) {
            return 1000L + n;
        }
        if (type == MarshallingType.BOOLEAN) {
            return Boolean.TRUE;
        }
        if (type == MarshallingType.DOUBLE) {
            return n + 0.5;
        }
        if (type == MarshallingType.FLOAT) {
            return n + 0.25f;
        }
        if (type == MarshallingType.DOCUMENT) {
            return Document.fromMap(Map.of(field.memberName(), Document.fromNumber(n)));
        }
        if (type == MarshallingType.INSTANT) {
            return Instant.ofEpochSecond(1_700_000_000L + 3_600L * n);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Object v = value(member, enumType, path);
                if (v == null) {
                    return null;
                }
                list.add(v);
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 1; i <= 2; i++) {
                Object v = value(member, enumType, path);
                if (v == null) {
                    return null;
                }
                map.put(field.memberName() + "-key-" + n + "-" + i, v);
            }
            return map;
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            if (path.contains(builder.getClass().getEnclosingClass())) {
                return null;
            }
            fill(builder, path);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        throw new IllegalStateException("no generator for " + type + " of " + field.memberName());
    }

    /** Asserts that every field of {@code shape}, recursively, is set (up to a shape's first repetition). */
    static void assertEveryFieldSet(SdkPojo shape) {
        assertSet(shape, shape.getClass().getSimpleName(), new HashSet<>());
    }

    private static void assertSet(Object value, String where, Set<Class<?>> path) {
        if (value instanceof SdkPojo pojo) {
            Set<Class<?>> inner = new HashSet<>(path);
            inner.add(pojo.getClass());
            for (SdkField<?> field : pojo.sdkFields()) {
                Object v = field.getValueOrDefault(pojo);
                String at = where + "." + field.locationName();
                if (v == null && field.marshallingType() == MarshallingType.SDK_POJO) {
                    Class<?> fieldShape = field.constructor().get().getClass().getEnclosingClass();
                    if (path.contains(fieldShape) || fieldShape == pojo.getClass()) {
                        continue;
                    }
                }
                assertThat(v).as(at + " is set").isNotNull();
                assertThat(v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap)
                        .as(at + " is set")
                        .isFalse();
                assertSet(v, at, inner);
            }
        } else if (value instanceof List<?> list) {
            assertThat(list).as(where + " is not empty").isNotEmpty();
            list.forEach(v -> assertSet(v, where + "[]", path));
        } else if (value instanceof Map<?, ?> map) {
            assertThat(map).as(where + " is not empty").isNotEmpty();
            map.values().forEach(v -> assertSet(v, where + "{}", path));
        }
    }

    /**
     * Asserts that every field of the input shape {@code input} equals the same-named field of {@code original}
     * (an output shape, or a shape of the same type), recursively; fields only the original has are not compared.
     */
    static void assertSameFields(String where, Object original, Object input) {
        if (input instanceof SdkPojo in) {
            assertThat(original).as(where + " exists in the original").isInstanceOf(SdkPojo.class);
            SdkPojo orig = (SdkPojo) original;
            Map<String, SdkField<?>> originalFields = fieldsByName(orig);
            for (SdkField<?> field : in.sdkFields()) {
                String at = where + "." + field.locationName();
                SdkField<?> counterpart = originalFields.get(field.locationName());
                assertThat(counterpart).as(at + " exists in the original shape").isNotNull();
                assertSameFields(at, counterpart.getValueOrDefault(orig), field.getValueOrDefault(in));
            }
        } else if (input instanceof List<?> list) {
            assertThat(original).as(where).isInstanceOf(List.class);
            List<?> orig = (List<?>) original;
            assertThat(list).as(where + " size").hasSameSizeAs(orig);
            for (int i = 0; i < list.size(); i++) {
                assertSameFields(where + "[" + i + "]", orig.get(i), list.get(i));
            }
        } else if (input instanceof Map<?, ?> map) {
            assertThat(original).as(where).isInstanceOf(Map.class);
            Map<?, ?> orig = (Map<?, ?>) original;
            assertThat(map.keySet()).as(where + " keys").isEqualTo(orig.keySet());
            map.forEach((k, v) -> assertSameFields(where + "{" + k + "}", orig.get(k), v));
        } else {
            assertThat(input).as(where).isEqualTo(original);
        }
    }

    /** Names of the fields {@code output} has and {@code input} lacks: what the input shape cannot take. */
    static Set<String> onlyIn(SdkPojo output, SdkPojo input) {
        Set<String> names = new TreeSet<>(fieldsByName(output).keySet());
        names.removeAll(fieldsByName(input).keySet());
        return names;
    }

    static Map<String, SdkField<?>> fieldsByName(SdkPojo pojo) {
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        pojo.sdkFields().forEach(f -> fields.put(f.locationName(), f));
        return fields;
    }

    private static Class<?> enumOf(Class<?> shape, SdkField<?> field) {
        if (shape == null) {
            return null;
        }
        String name = Character.toLowerCase(field.memberName().charAt(0))
                + field.memberName().substring(1);
        Method getter;
        try {
            getter = shape.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
        Type type = getter.getGenericReturnType();
        if (type instanceof Class<?> c && c.isEnum()) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            Type last = args[args.length - 1];
            if (last instanceof Class<?> c && c.isEnum()) {
                return c;
            }
        }
        return null;
    }

    private static String firstKnownConstant(Class<?> enumType, int n) {
        Object[] constants = enumType.getEnumConstants();
        List<String> known = new ArrayList<>();
        for (Object c : constants) {
            if (!((Enum<?>) c).name().equals("UNKNOWN_TO_SDK_VERSION")) {
                known.add(c.toString());
            }
        }
        return known.get(n % known.size());
    }
}
