/** The JSON wire format of the broker backends: Jackson bodies with CloudEvents binary-mode attributes as headers. */
package dev.eventport.codec.json;
