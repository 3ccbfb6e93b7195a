package org.detectionatlas.sources.elastic;

import java.util.Set;

/**
 * Field types that change what a KQL or Lucene test means. Elasticsearch analyzes {@code text}
 * fields into lower-cased words, so {@code powershell.file.script_block_text : "VirtualAlloc"}
 * is a case-insensitive word or phrase match, not an exact value. Keyword fields with a
 * lower-casing normalizer ({@code *.caseless}) compare exactly but without case.
 *
 * <p>NOTE: the parser has no index mapping, so this is a list of the text fields that Elastic's
 * rules query (from ECS and the Windows integration), not the cluster's real mapping.
 */
final class FieldTypes {
    private static final Set<String> TEXT_FIELDS = Set.of("message", "error.message", "error.stack_trace",
            "powershell.file.script_block_text", "file.Ext.original.path.text");

    private FieldTypes() {}

    static boolean isAnalyzedText(String field) {
        return field != null && (TEXT_FIELDS.contains(field) || field.endsWith(".text"));
    }

    static boolean isCaseInsensitive(String field) {
        return isAnalyzedText(field) || (field != null && field.endsWith(".caseless"));
    }
}
