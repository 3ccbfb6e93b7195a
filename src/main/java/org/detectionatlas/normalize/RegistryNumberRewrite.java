package org.detectionatlas.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detectionatlas.model.Operator;
import org.detectionatlas.model.Predicate;

/**
 * Turns Sysmon's registry number text into the decimal text that ECS registry.data.strings
 * holds: EQ {@code DWORD (0x00000001)} becomes EQ {@code 1}, and EQ
 * {@code QWORD (0x00000001-0x00000000)} (high part, then low part) becomes EQ {@code 4294967296}.
 * Sigma rules test the Sysmon text, Elastic rules the decimal text.
 */
public final class RegistryNumberRewrite implements PredicateRewrite {

    static final String FIELD = "registry.data.strings";

    // Fixed-width hex groups only, so matching is linear in the value length.
    private static final Pattern DWORD = Pattern.compile("DWORD \\(0x([0-9a-fA-F]{8})\\)");
    private static final Pattern QWORD = Pattern.compile("QWORD \\(0x([0-9a-fA-F]{8})-0x([0-9a-fA-F]{8})\\)");

    @Override
    public Predicate rewrite(Predicate predicate) {
        if (predicate.operator() != Operator.EQ || !FIELD.equals(predicate.field())) {
            return predicate;
        }
        String value = predicate.value().strip();
        Matcher dword = DWORD.matcher(value);
        if (dword.matches()) {
            long number = Long.parseLong(dword.group(1), 16);
            return predicate.withTest(FIELD, Operator.EQ, Long.toString(number));
        }
        Matcher qword = QWORD.matcher(value);
        if (qword.matches()) {
            long number = (Long.parseLong(qword.group(1), 16) << 32) | Long.parseLong(qword.group(2), 16);
            return predicate.withTest(FIELD, Operator.EQ, Long.toUnsignedString(number));
        }
        return predicate;
    }
}
