package org.detectionatlas.sources.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTitlesTest {

    private static EventFile file(String name, String sampleMessage, String sampleTaskCategory) {
        return new EventFile("x.yml", "P", "7", "0", "windows", name, "", List.of(), sampleMessage,
                sampleTaskCategory);
    }

    @Test
    void writtenTitleDropsEventIdPrefix() {
        assertThat(EventTitles.writtenTitle("Event ID 10: ProcessAccess")).isEqualTo("ProcessAccess");
        assertThat(EventTitles.writtenTitle("Event ID 1: Process creation")).isEqualTo("Process creation");
        assertThat(EventTitles.writtenTitle("Event ID 4657 A registry value was modified"))
                .isEqualTo("A registry value was modified");
        assertThat(EventTitles.writtenTitle("Event ID 4719: Auditing settings on object were changed."))
                .isEqualTo("Auditing settings on object were changed");
    }

    @Test
    void writtenTitleIgnoresTaskNames() {
        assertThat(EventTitles.writtenTitle("Event 4688 - task_0")).isEmpty();
        assertThat(EventTitles.writtenTitle("Event ID 5:")).isEmpty();
        assertThat(EventTitles.writtenTitle("DeviceAlertEvents")).isEqualTo("DeviceAlertEvents");
    }

    @Test
    void messageLabelCutsBeforeValue() {
        assertThat(EventTitles.messageLabel("Creating Scriptblock text (1 of 1): prompt"))
                .isEqualTo("Creating Scriptblock text");
        assertThat(EventTitles.messageLabel("Completed invocation of ScriptBlock ID: 85e92f7c"))
                .isEqualTo("Completed invocation of ScriptBlock ID");
        assertThat(EventTitles.messageLabel("Windows PowerShell ISE has started to run script file C:\\x.ps1."))
                .isEmpty();
        assertThat(EventTitles.messageLabel("")).isEmpty();
    }

    @Test
    void chooseOrderOfPreference() {
        EventFile written = file("Event ID 7: Image loaded", "", "");
        EventFile sampled = file("Event 7 - task_0", "Loading image (1 of 1): x", "Images");
        EventFile categorized = file("Event 7 - task_0", "", "Image Loading");
        EventFile tasked = file("Event 7 - ImageLoad", "", "");
        EventFile placeholder = file("Event 7 - task_0", "", "None");

        assertThat(EventTitles.choose("7", List.of(placeholder, sampled, written))).isEqualTo("Image loaded");
        assertThat(EventTitles.choose("7", List.of(tasked, categorized, sampled))).isEqualTo("Loading image");
        assertThat(EventTitles.choose("7", List.of(tasked, categorized))).isEqualTo("Image Loading");
        assertThat(EventTitles.choose("7", List.of(placeholder, tasked))).isEqualTo("ImageLoad");
        assertThat(EventTitles.choose("7", List.of(placeholder))).isEqualTo("Event 7");
    }

    @Test
    void chooseSkipsNoneTask() {
        assertThat(EventTitles.choose("4103", List.of(file("Event 4103 - None", "", "")))).isEqualTo("Event 4103");
    }
}
