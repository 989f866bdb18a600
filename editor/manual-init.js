window.CMS_MANUAL_INIT = true;   // portal.js registers the format and widgets, then starts the CMS
