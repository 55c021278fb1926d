package cn.sanwu.client.app;

public final class Main {
    public static void main(String[] args) {
    }
}
