/**
 * The README's example, file for file: {@link com.example.orders.ReadmeExampleTests} checks that these sources and
 * {@code readme-application.yml} are the README's code blocks, and runs them.
 */
package com.example.orders;
