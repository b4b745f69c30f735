/**
 * Ribbon function file: the add-in's only command opens the task pane (declared in manifest.xml),
 * so this page only has to tell Office it is ready, through the Office module like everything else.
 */
import { connectOffice } from "../taskpane/office";

void connectOffice();
