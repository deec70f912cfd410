// Messages and tool calls are the providers' vocabulary: every client of Providers speaks it.
@_exported import Conversation
