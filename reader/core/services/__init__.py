"""What the front ends call: the workspace (open articles + store + anchors) and its helpers."""
