/** Test support shared by the starter's tests. */
package io.plumtree.spring;
