package com.example;

/** The bean the component page calls through its one-argument method: ten times the item. */
public class Scorer {

    public int score(int item) {
        return item * 10;
    }
}
