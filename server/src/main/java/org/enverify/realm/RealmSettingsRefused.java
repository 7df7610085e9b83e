package org.enverify.realm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.enverify.platform.Refusal;

/**
 * A change of realm settings refused as a whole: one {@link Refusal} per refused setting, each about the
 * setting by name with the key and arguments of its localized message. The message lists them in English.
 */
public class RealmSettingsRefused extends RuntimeException {

    private final List<Refusal> refusals;

    RealmSettingsRefused(List<Refusal> refusals) {
        super(joined(refusals, Refusal::apiText).entrySet().stream()
                .map(refused -> refused.getKey() + ": " + refused.getValue())
                .collect(Collectors.joining("; ")));
        this.refusals = List.copyOf(refusals);
    }

    public List<Refusal> refusals() {
        return refusals;
    }

    private static Map<String, String> joined(List<Refusal> refusals, Function<Refusal, String> text) {
        Map<String, String> bySetting = new LinkedHashMap<>();
        for (Refusal refusal : refusals) {
            bySetting.merge(refusal.field().orElseThrow(), text.apply(refusal), (first, next) -> first + "; " + next);
        }
        return bySetting;
    }
}
