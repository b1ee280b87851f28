package dev.duet.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields the model did not know. fabric8's model classes keep each field they do not
 * declare in {@code additionalProperties} instead of failing, so a misspelling such as {@code
 * readinessProbes} shows up only there: this walks the object graph and names each one by its
 * path, such as {@code spec.template.spec.containers[0].readinessProbes}.
 */
final class UnknownFields {

    private UnknownFields() {}

    static List<String> find(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, join(path, String.valueOf(key)), found));
        } else if (value != null && isModel(value.getClass())) {
            for (Object unknown : additionalProperties(value).keySet()) {
                found.add(join(path, String.valueOf(unknown)));
            }
            for (Class<?> c = value.getClass(); isModel(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    JsonProperty property = field.getAnnotation(JsonProperty.class);
                    if (property != null && !Modifier.isStatic(field.getModifiers())) {
                        walk(read(field, value), join(path, property.value()), found);
                    }
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        return type != null && type.getName().startsWith("io.fabric8.kubernetes.api.model.");
    }

    private static Map<?, ?> additionalProperties(Object model) {
        try {
            Object map = model.getClass().getMethod("getAdditionalProperties").invoke(model);
            return map instanceof Map<?, ?> m ? m : Map.of();
        } catch (NoSuchMethodException e) {
            return Map.of(); // a model type with no room for unknown fields
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
