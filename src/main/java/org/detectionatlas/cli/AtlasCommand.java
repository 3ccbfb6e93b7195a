package org.detectionatlas.cli;

public final class AtlasCommand {
    public static void main(String[] args) {
        System.out.println("atlas");
    }
}
