/** Tests of the sample application, the browser test included. */
package io.plumtree.sample;
